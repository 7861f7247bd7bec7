package org.escape.platform;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.UUID;

/** Stores public UUID ids as {@code varchar(36)}: one representation on H2 and PostgreSQL. */
@Converter(autoApply = true)
public class UuidConverter implements AttributeConverter<UUID, String> {

    @Override
    public String convertToDatabaseColumn(UUID value) {
        return value == null ? null : value.toString();
    }

    @Override
    public UUID convertToEntityAttribute(String value) {
        return value == null ? null : UUID.fromString(value);
    }
}
