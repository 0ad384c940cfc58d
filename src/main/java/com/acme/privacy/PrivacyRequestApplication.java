package com.acme.privacy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PrivacyRequestApplication {

    public static void main(String[] args) {
        SpringApplication.run(PrivacyRequestApplication.class, args);
    }
}
