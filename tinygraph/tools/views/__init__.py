"""What a notebook shows for tinygraph's objects: HTML views, each a plain function.

* `tables`: a node, the course's `grads`, a debugger step, a gradcheck report;
* `checker`: a check's report, with the picture of the first wrong backward function;
* `classroom`: a class's check: per function the counts and the most common mistakes, per file
  its verdict;
* `stepper`: the inline stepper of a `Debugger` (`tinygraph.player.debugger_html` draws its
  frames): a static picture of one step first, the interactive stepper on top;
* `progress`: the progress of `fit`, a bar updated in place that a saved notebook keeps;
* `register`: hands them to a running IPython, which calls them when it shows an object.

`import tinygraph` registers them when it runs inside IPython; the views themselves (and
Graphviz, and the checker) are imported only when something is shown.
"""
