# ruff: noqa
# Calls compute_cost(Y, AL) and L_model_backward(Y, AL, caches) with the arguments swapped: log(Y) of 0 labels gives -inf/nan costs and wrong gradients.
# expect: L_layer_model: swap or order or argument; compute_cost or l_model_backward or al, y or (al, y)
import numpy as np


def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    np.random.seed(1)
    costs = []
    parameters = initialize_parameters_deep(layers_dims)
    for i in range(0, num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(Y, AL)
        grads = L_model_backward(Y, AL, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
        if print_cost and (i % 100 == 0 or i == num_iterations - 1):
            print("Cost after iteration {}: {}".format(i, np.squeeze(cost)))
        if i % 100 == 0:
            costs.append(cost)
    return parameters, costs
