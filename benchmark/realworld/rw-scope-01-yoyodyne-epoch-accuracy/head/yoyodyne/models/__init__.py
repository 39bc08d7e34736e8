"""Model classes."""

from .base import BaseEncoderDecoder
from .transducer import TransducerEncoderDecoder

__all__ = ["BaseEncoderDecoder", "TransducerEncoderDecoder"]
