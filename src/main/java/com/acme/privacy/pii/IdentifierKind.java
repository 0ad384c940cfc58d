package com.acme.privacy.pii;

enum IdentifierKind {
    EMAIL, PHONE
}
