package io.nixunits.model.io;

import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the small files of declarations and container directories. A plan reads thousands of
 * them in a process that has only just started, so the path through the JDK matters: on the
 * default file system a {@link FileInputStream} runs far fewer Java methods than
 * {@link Files#readAllBytes}, which goes through channels and native buffers. Other file
 * systems, such as the in-memory ones of the tests, are read with {@link Files}.
 *
 * <p>Both methods throw {@link NoSuchFileException} for a missing file, as {@link Files} does.
 */
public final class SmallFiles {
    private SmallFiles() {
    }

    /**
     * Returns at most {@code maxBytes + 1} bytes of {@code file}. The extra byte shows a caller
     * who checked the size beforehand that the file has grown past its limit since.
     */
    public static byte[] read(Path file, long maxBytes) throws IOException {
        int limit = (int) Math.min(Integer.MAX_VALUE - 8L, maxBytes + 1);
        try (InputStream in = open(file)) {
            return in.readNBytes(limit);
        }
    }

    /** Returns the whole of {@code file}. */
    public static byte[] read(Path file) throws IOException {
        try (InputStream in = open(file)) {
            return in.readAllBytes();
        }
    }

    private static InputStream open(Path file) throws IOException {
        if (file.getFileSystem() != FileSystems.getDefault()) {
            return Files.newInputStream(file);
        }
        try {
            return new FileInputStream(file.toString());
        } catch (FileNotFoundException e) {
            // java.io throws this one exception for a missing file, a directory and a denied access.
            // A symlink to a missing file counts as missing, as it does for Files.
            if (Files.notExists(file)) {
                NoSuchFileException missing = new NoSuchFileException(file.toString());
                missing.initCause(e);
                throw missing;
            }
            throw e;
        }
    }
}
