package com.acme.privacy.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.std.DelegatingDeserializer;

/** An enum constant is named exactly: Jackson's own reader trims white space around the name first. */
final class ExactEnumNames extends DelegatingDeserializer {

    ExactEnumNames(ValueDeserializer<?> delegate) {
        super(delegate);
    }

    @Override
    protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> newDelegatee) {
        return new ExactEnumNames(newDelegatee);
    }

    @Override
    public Object deserialize(JsonParser parser, DeserializationContext context) {
        if (parser.hasToken(JsonToken.VALUE_STRING) && !parser.getString().equals(parser.getString().trim())) {
            return context.handleWeirdStringValue(handledType(), parser.getString(), "white space around the name");
        }
        return super.deserialize(parser, context);
    }
}
