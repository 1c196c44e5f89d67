# ruff: noqa
# W1, b1, W2, b2 are read from parameters once, before the loop: every iteration runs on the initial weights.
# expect: two_layer_model: w1 or b1 or w2; refresh or stale or initial or never change or re-read or reassign or before the loop or outside the loop
import numpy as np


def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    np.random.seed(1)
    grads = {}
    costs = []
    n_x, n_h, n_y = layers_dims

    parameters = initialize_parameters(n_x, n_h, n_y)
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]

    for i in range(num_iterations):
        A1, cache1 = linear_activation_forward(X, W1, b1, activation="relu")
        A2, cache2 = linear_activation_forward(A1, W2, b2, activation="sigmoid")
        cost = compute_cost(A2, Y)

        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        dA1, grads["dW2"], grads["db2"] = linear_activation_backward(dA2, cache2, activation="sigmoid")
        dA0, grads["dW1"], grads["db1"] = linear_activation_backward(dA1, cache1, activation="relu")

        parameters = update_parameters(parameters, grads, learning_rate)

        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            print(f"Cost after iteration {i}: {np.squeeze(cost)}")
        if i % 100 == 0:
            costs.append(cost)

    return parameters, costs
