// Placeholder until the handler exists: the real bundler step is added with src/handler.
