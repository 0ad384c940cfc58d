package com.acme.privacy.erasure;

import org.springframework.modulith.NamedInterface;

/** The law a request is made under; reports count by it. */
@NamedInterface("regulations")
public enum Regulation {
    GDPR, CCPA, OTHER
}
