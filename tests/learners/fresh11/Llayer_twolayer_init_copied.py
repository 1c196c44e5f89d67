# ruff: noqa
# The initialisation is copied from two_layer_model: layers_dims is unpacked into (n_x, n_h, n_y) and initialize_parameters is called, which fails to unpack a deeper layers_dims and otherwise draws the two-layer weights (* 0.01) instead of initialize_parameters_deep's.
# expect: L_layer_model: initialize_parameters_deep or deep; initialize_parameters( or two-layer or two layer or unpack or n_h or 0.01
import numpy as np


def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    np.random.seed(1)
    costs = []

    (n_x, n_h, n_y) = layers_dims
    parameters = initialize_parameters(n_x, n_h, n_y)

    for i in range(0, num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)

        if print_cost and i % 100 == 0 or i == num_iterations - 1:
            print("Cost after iteration {}: {}".format(i, np.squeeze(cost)))
        if i % 100 == 0 or i == num_iterations:
            costs.append(cost)

    return parameters, costs
