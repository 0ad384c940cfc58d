package com.acme.privacy.erasure;

public enum Regulation {
    GDPR, CCPA, OTHER
}
