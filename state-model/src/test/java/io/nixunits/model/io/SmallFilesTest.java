package io.nixunits.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reads on the real file system (java.io) and on jimfs (java.nio) must behave the same. */
class SmallFilesTest {
    @TempDir
    Path realDir;

    private FileSystem jimfs;

    @BeforeEach
    void setUp() {
        jimfs = Jimfs.newFileSystem(Configuration.unix());
    }

    @AfterEach
    void tearDown() throws IOException {
        jimfs.close();
    }

    private Path dir(boolean real) throws IOException {
        return real ? realDir : Files.createDirectories(jimfs.getPath("/work"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void readsTheWholeFile(boolean real) throws IOException {
        byte[] content = "{\"id\": \"web2\"}\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(dir(real).resolve("properties.json"), content);

        assertArrayEquals(content, SmallFiles.read(file));
        assertArrayEquals(content, SmallFiles.read(file, content.length));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void stopsOneByteAfterTheLimit(boolean real) throws IOException {
        Path file = Files.write(dir(real).resolve("config.nix"), new byte[5000]);

        assertEquals(101, SmallFiles.read(file, 100).length);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void missingFileIsNoSuchFile(boolean real) throws IOException {
        Path missing = dir(real).resolve(".unit_hash");

        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> SmallFiles.read(missing));
        assertEquals(missing.toString(), e.getFile());
        assertThrows(NoSuchFileException.class, () -> SmallFiles.read(missing, 10));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void symlinkToMissingFileIsNoSuchFile(boolean real) throws IOException {
        Path link = Files.createSymbolicLink(dir(real).resolve(".complete"), dir(real).resolve("gone"));

        assertThrows(NoSuchFileException.class, () -> SmallFiles.read(link));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void directoryIsAnErrorButNotAMissingFile(boolean real) throws IOException {
        Path directory = Files.createDirectories(dir(real).resolve("parameters.json"));

        IOException e = assertThrows(IOException.class, () -> SmallFiles.read(directory));
        assertFalse(e instanceof NoSuchFileException, e.toString());
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void followsASymlink(boolean real) throws IOException {
        Path target = Files.write(dir(real).resolve("target"), List.of("x"));
        Path link = Files.createSymbolicLink(dir(real).resolve("link"), target);

        assertArrayEquals(Files.readAllBytes(target), SmallFiles.read(link));
    }
}
