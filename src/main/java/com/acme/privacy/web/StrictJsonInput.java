package com.acme.privacy.web;

import java.time.Instant;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * JSON input is read as sent, never guessed: the requests carry legal weight. With {@code spring.jackson.*} in
 * application.yml (unknown fields, scalar coercion, numbers for enums), this refuses what Jackson would otherwise
 * convert: a boolean or number where a string belongs ({@code true} becoming "true"), an empty string as an absent
 * date, enum or object, a field given twice (one of them silently winning), an instant given as a number and an enum
 * name with white space around it.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonInput {

    @Bean
    JsonMapperBuilderCustomizer noGuessingFromJson() {
        return builder -> builder
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfig(LogicalType.Textual, strings -> strings
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .withCoercionConfigDefaults(everything -> everything
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .addModule(new SimpleModule("strict-scalars")
                        .addDeserializer(Instant.class, new IsoInstantDeserializer())
                        .setDeserializerModifier(new ValueDeserializerModifier() {
                            @Override
                            public ValueDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                                              BeanDescription.Supplier description,
                                                                              ValueDeserializer<?> deserializer) {
                                return new ExactEnumNames(deserializer);
                            }
                        }));
    }
}
