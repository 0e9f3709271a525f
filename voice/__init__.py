"""Audio in and out and speech engines; knows nothing of dialogs or storage."""
