// Input for parse-error-first-token.mlir: the first token cannot be lexed.
"an unterminated string
