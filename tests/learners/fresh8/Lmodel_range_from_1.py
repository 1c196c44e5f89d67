# ruff: noqa
# Loop starts at 1: one iteration fewer, and the i = 0 cost is never recorded.
# expect: L_layer_model: range(1 or range or off-by-one or i = 0 or i=0 or start; first or fewer or one less or missing or i = 0 or i=0
import numpy as np


def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    costs = []
    parameters = initialize_parameters_deep(layers_dims)

    for i in range(1, num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)

        if i % 100 == 0:
            if print_cost:
                print("Cost after iteration %i: %f" % (i, cost))
            costs.append(cost)

    return parameters, costs
