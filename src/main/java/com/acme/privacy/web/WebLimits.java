package com.acme.privacy.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** @param maxBodySize largest request body accepted; larger ones get 413 */
@ConfigurationProperties("privacy.web")
record WebLimits(@DefaultValue("16KB") DataSize maxBodySize) {
}
