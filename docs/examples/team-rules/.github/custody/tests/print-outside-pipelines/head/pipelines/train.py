import logging

log = logging.getLogger(__name__)


def train(model, data):
    log.info("training on %d rows", len(data))
    return model.fit(data)
