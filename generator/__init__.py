"""异地就医结算指南: data -> validated models -> MkDocs pages."""
