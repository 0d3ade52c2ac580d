"""Many tickets at once: any DataFrame in, the same kind out; what-if studies; display."""
