"""The language-model layer: Claude where judgement is needed, never above a deterministic verdict."""
