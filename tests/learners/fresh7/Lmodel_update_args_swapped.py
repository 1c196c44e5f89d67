# ruff: noqa
# update_parameters is called with grads and parameters swapped: it looks up "W1"/"dW1" in the wrong dictionaries and raises KeyError.
# expect: L_layer_model: update_parameters; swap or order or argument
import numpy as np


def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    np.random.seed(1)
    costs = []
    parameters = initialize_parameters_deep(layers_dims)

    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(grads, parameters, learning_rate)

        if print_cost and i % 100 == 0:
            print("Cost after iteration %i: %f" % (i, cost))
        if i % 100 == 0:
            costs.append(cost)
    return parameters, costs
