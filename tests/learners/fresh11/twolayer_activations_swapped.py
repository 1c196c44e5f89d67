# ruff: noqa
# The activations are swapped in the forward pass: sigmoid for the hidden layer and relu for the output, so A2 is not a probability (0 or above 1) and the cost is nan/inf.
# expect: two_layer_model: relu; sigmoid; swap or output or hidden or reversed or wrong way
import numpy as np


def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    np.random.seed(1)
    grads = {}
    costs = []
    n_x, n_h, n_y = layers_dims

    parameters = initialize_parameters(n_x, n_h, n_y)

    for i in range(num_iterations):
        W1, b1, W2, b2 = parameters["W1"], parameters["b1"], parameters["W2"], parameters["b2"]

        A1, cache1 = linear_activation_forward(X, W1, b1, activation="sigmoid")
        A2, cache2 = linear_activation_forward(A1, W2, b2, activation="relu")

        cost = compute_cost(A2, Y)

        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dA1, grads["dW2"], grads["db2"] = linear_activation_backward(dA2, cache2, activation="relu")
        dA0, grads["dW1"], grads["db1"] = linear_activation_backward(dA1, cache1, activation="sigmoid")

        parameters = update_parameters(parameters, grads, learning_rate)

        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            print(f"Cost after iteration {i}: {np.squeeze(cost)}")
        if i % 100 == 0:
            costs.append(cost)

    return parameters, costs
