// Filled by the official report model.
