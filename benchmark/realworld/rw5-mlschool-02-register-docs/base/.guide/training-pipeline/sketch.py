from metaflow import (
    FlowSpec,
    step,
)


class Sketch(FlowSpec):
    """Rough sketch of the Training pipeline."""

    @step
    def start(self):
        """Load the dataset and start the pipeline."""
        self.next(self.cross_validation, self.transform)

    @step
    def cross_validation(self):
        """Split the dataset into folds for cross-validation."""
        self.folds = [[0], [1], [2]]
        self.next(self.transform_fold, foreach="folds")

    @step
    def transform_fold(self):
        """Transform the dataset for the current fold."""
        self.next(self.train_fold)

    @step
    def train_fold(self):
        """Train the model on the current fold."""
        self.next(self.evaluate_fold)

    @step
    def evaluate_fold(self):
        """Evaluate the model on the current fold."""
        self.next(self.average_scores)

    @step
    def average_scores(self, inputs):
        """Average the evaluation scores from all folds."""
        self.next(self.register_model)

    @step
    def transform(self):
        """Transform the entire dataset for training."""
        self.next(self.train_model)

    @step
    def train_model(self):
        """Train the model on the entire dataset."""
        self.next(self.register_model)

    @step
    def register_model(self, inputs):
        """Register the model in the model registry."""
        self.next(self.end)

    @step
    def end(self):
        """End the pipeline."""


if __name__ == "__main__":
    Sketch()
