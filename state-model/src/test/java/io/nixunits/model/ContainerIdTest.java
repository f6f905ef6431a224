package io.nixunits.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"web2", "router1", "a", "db-1.prod", "A9", "x.y.z"})
    void acceptsMachineNames(String value) throws Exception {
        assertEquals(value, ContainerId.parse(value).value());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "web_2|contains '_'",
        "..|contains '..'",
        "a..b|contains '..'",
        "../etc|contains '/'",
        "a/b|contains '/'",
        ".hidden|starts with '.'",
        "trailing.|ends with '.'",
        "-rf|starts with '-'",
        "caf\u00e9|contains '\u00e9'",
        "with space|contains ' '",
    })
    void rejectsInvalidNames(String value, String problem) {
        InvalidContainerIdException e = assertThrows(InvalidContainerIdException.class, () -> ContainerId.parse(value));
        assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertEquals(value, e.value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a\nb", "a\u0000b", "tab\there"})
    void rejectsEmptyAndControlCharacters(String value) {
        InvalidContainerIdException e = assertThrows(InvalidContainerIdException.class, () -> ContainerId.parse(value));
        assertTrue(e.getMessage().startsWith("invalid container id"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void lengthLimitIsSixtyFour() throws Exception {
        ContainerId.parse("a".repeat(64));
        InvalidContainerIdException e = assertThrows(InvalidContainerIdException.class,
                () -> ContainerId.parse("a".repeat(65)));
        assertTrue(e.getMessage().contains("65 characters, more than 64"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void controlCharacterShownEscaped() {
        InvalidContainerIdException e = assertThrows(InvalidContainerIdException.class, () -> ContainerId.parse("a\nb"));
        assertTrue(e.getMessage().contains("'a\\u000ab'"), e.getMessage());
    }
}
