# ruff: noqa
# initialize_parameters_deep is called inside the training loop, so every iteration restarts from the initial weights and training never progresses.
# expect: L_layer_model: initialize_parameters_deep or initiali or init; loop or every iteration or each iteration or reset or inside
import numpy as np


def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    costs = []
    for i in range(num_iterations):
        parameters = initialize_parameters_deep(layers_dims)
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            print("Cost after iteration %i: %f" % (i, cost))
        if i % 100 == 0:
            costs.append(cost)
    return parameters, costs
