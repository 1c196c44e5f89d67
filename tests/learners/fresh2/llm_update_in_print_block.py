# ruff: noqa
# update_parameters indented into the "every 100 iterations" block: the weights move twice in 101 iterations.
# expect: L_layer_model: update_parameters or update; 100 or if or every
import numpy as np


def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    np.random.seed(1)
    costs = []
    parameters = initialize_parameters_deep(layers_dims)
    for i in range(0, num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        if i % 100 == 0:
            parameters = update_parameters(parameters, grads, learning_rate)
            costs.append(cost)
        if print_cost and i % 100 == 0:
            print("Cost after iteration %i: %f" % (i, cost))
    return parameters, costs
