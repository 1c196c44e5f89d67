# ruff: noqa
# The notebook's constant cell pasted into the function: layers_dims is overwritten with the cat-data sizes [12288, 20, 7, 5, 1], so any other X gives "shapes not aligned".
# expect: L_layer_model: hard-cod or hardcod or 12288 or overwrit or constant or argument; layers_dims
import numpy as np


def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    np.random.seed(1)
    costs = []
    layers_dims = [12288, 20, 7, 5, 1]  # 4-layer model
    parameters = initialize_parameters_deep(layers_dims)

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
