package org.almasim.simulator.population;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import org.almasim.simulator.errors.AlmaRefusal;
import org.almasim.simulator.http.AlmaFormats;
import org.almasim.simulator.store.BoundedStream;
import org.almasim.simulator.users.User;

/**
 * Users as Alma's "Export users" integration writes them, and as a library's SIS sends them to Alma: version 2, a
 * {@code users} document of {@code user} elements in the user API's XML, in a {@code .xml} file, gzipped, or in the
 * entries of a zip. Read a user at a time, never whole: a million users pass through in the memory of one. The file is
 * data: no DTD, no entity, no user larger than {@link #MAX_USER_BYTES}.
 */
public final class UserExportFile implements Iterator<UserExportFile.Record>, AutoCloseable {
    /** The most one user's XML may hold: far above any real user, far below a heap. */
    public static final int MAX_USER_BYTES = 1 << 20;

    private static final XMLInputFactory INPUT = secureInput();
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    /** One user of the file, where it starts, and its place among the file's users (from 1). */
    public record Record(String file, int line, long number, JsonNode user) {
        /** Where a problem with this user is, as a person finds it in the file. */
        public String where() {
            return file + ", line " + line + " (user " + number + ")";
        }
    }

    /** The file's name as the one who sent it knows it. */
    private final String name;

    private final InputStream raw;
    private final ZipInputStream zip;
    /** What the XML is read from: the file's bytes unpacked, counted against the bound. */
    private final InputStream unpacked;

    private String entryName;
    private boolean plainStarted;
    private XMLStreamReader xml;
    private long number;
    private Record next;
    private Record single;

    private UserExportFile(String name, InputStream raw, ZipInputStream zip, long maxUnpackedBytes) {
        this.name = name;
        this.raw = raw;
        this.zip = zip;
        this.unpacked = new BoundedStream(
                zip == null ? raw : zip,
                maxUnpackedBytes,
                () -> new IllegalArgumentException(
                        name + " unpacks to more than " + maxUnpackedBytes + " bytes of XML"));
    }

    /** Whether the file's name says it is such a file: {@code .xml}, {@code .xml.gz} or {@code .zip}. */
    public static boolean isExportFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".xml") || name.endsWith(".xml.gz") || name.endsWith(".zip");
    }

    /** Opens a {@code .xml}, {@code .xml.gz} or {@code .zip} file; an IllegalArgumentException says why it cannot. */
    public static UserExportFile open(Path file) {
        return open(file, file.getFileName().toString(), Long.MAX_VALUE);
    }

    /**
     * Opens a file someone else sent, called {@code name} in what is said of it: reading more than {@code
     * maxUnpackedBytes} of XML from it (a small zip can unpack to terabytes) is an IllegalArgumentException.
     */
    public static UserExportFile open(Path file, String name, long maxUnpackedBytes) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is not a file");
        }
        String kind = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            if (kind.endsWith(".zip")) {
                return new UserExportFile(name, in, new ZipInputStream(in), maxUnpackedBytes);
            }
            return new UserExportFile(
                    name, kind.endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in, null, maxUnpackedBytes);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + " cannot be read: " + e.getMessage());
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = read();
        }
        return next != null;
    }

    @Override
    public Record next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Record record = next;
        next = null;
        return record;
    }

    private Record read() {
        try {
            while (true) {
                if (xml == null && !nextEntry()) {
                    return null;
                }
                if (single != null) {
                    Record only = single;
                    single = null;
                    return only;
                }
                while (xml.hasNext()) {
                    int event = xml.next();
                    if (event == XMLStreamConstants.START_ELEMENT
                            && xml.getLocalName().equals("user")) {
                        return record();
                    }
                }
                xml.close();
                xml = null;
                if (zip == null) {
                    return null;
                }
            }
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException(entryName + ", line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNumber()) + ": not well-formed XML: "
                    + e.getMessage().lines().reduce((a, b) -> b).orElse("").strip());
        } catch (IOException e) {
            throw new IllegalArgumentException(name + " cannot be read: " + e.getMessage());
        }
    }

    /** The user element the reader is on, as Alma's JSON tree of it. */
    private Record record() throws XMLStreamException {
        int line = xml.getLocation().getLineNumber();
        number++;
        Record record = new Record(entryName, line, number, null);
        try {
            // Read as Alma reads a user posted in XML, then written as its JSON answers give it: flags are booleans,
            // codes objects and dates Alma's dates, whatever the file spelt.
            User user = AlmaFormats.read(copyElement(record), AlmaFormats.BodyFormat.XML, User.class);
            return new Record(entryName, line, number, AlmaFormats.JSON.valueToTree(user));
        } catch (AlmaRefusal e) {
            throw new IllegalArgumentException(record.where() + ": " + e.getMessage());
        }
    }

    /** Moves to the zip's next XML entry; false when there is none. */
    private boolean nextEntry() throws IOException, XMLStreamException {
        if (zip == null) {
            if (plainStarted) {
                return false;
            }
            plainStarted = true;
            start(unpacked, name);
            return true;
        }
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            if (!entry.isDirectory() && entry.getName().toLowerCase(Locale.ROOT).endsWith(".xml")) {
                start(unpacked, entry.getName());
                return true;
            }
        }
        return false;
    }

    private void start(InputStream in, String name) throws XMLStreamException {
        entryName = name;
        xml = INPUT.createXMLStreamReader(in);
        while (xml.hasNext() && xml.next() != XMLStreamConstants.START_ELEMENT) {
            // the prolog and comments before the root
        }
        if (!xml.isStartElement()) {
            throw new IllegalArgumentException(name + ": holds no XML element");
        }
        String root = xml.getLocalName();
        if (root.equals("userRecords")) {
            throw new IllegalArgumentException(name + ": this is version 1 of Alma's user export (userRecords), which"
                    + " Alma deprecated; export users in version 2 (users/user), the user API's format");
        }
        if (!root.equals("users") && !root.equals("user")) {
            throw new IllegalArgumentException(
                    name + ": the root element is <" + root + ">; Alma's user export holds <users> of <user>");
        }
        if (root.equals("user")) {
            single = record(); // a file of one user
        }
    }

    /** The element the reader is on, with everything inside it, as a document of its own. */
    private byte[] copyElement(Record at) throws XMLStreamException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
        XMLStreamWriter out = OUTPUT.createXMLStreamWriter(bytes, "UTF-8");
        int depth = 0;
        // Counted as read, since the writer holds back what it has not flushed yet.
        long size = 0;
        do {
            switch (xml.getEventType()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    depth++;
                    out.writeStartElement(xml.getLocalName());
                    size += 2L * xml.getLocalName().length();
                    for (int i = 0; i < xml.getAttributeCount(); i++) {
                        out.writeAttribute(xml.getAttributeLocalName(i), xml.getAttributeValue(i));
                        size += xml.getAttributeLocalName(i).length()
                                + xml.getAttributeValue(i).length();
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    depth--;
                    out.writeEndElement();
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                    out.writeCharacters(xml.getText());
                    size += xml.getTextLength();
                }
                default -> {
                    // comments and processing instructions carry nothing a user needs
                }
            }
            if (size > MAX_USER_BYTES) {
                throw new IllegalArgumentException(at.where() + ": a user of more than " + MAX_USER_BYTES + " bytes");
            }
            if (depth > 0) {
                xml.next();
            }
        } while (depth > 0);
        out.close();
        return bytes.toByteArray();
    }

    private static XMLInputFactory secureInput() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        // Woodstox's own bounds, so a single text or a deep nesting is refused while it is read, not after.
        bound(factory, "com.ctc.wstx.maxTextLength", MAX_USER_BYTES);
        bound(factory, "com.ctc.wstx.maxElementDepth", 100);
        return factory;
    }

    private static void bound(XMLInputFactory factory, String property, int limit) {
        if (factory.isPropertySupported(property)) {
            factory.setProperty(property, limit);
        }
    }

    @Override
    public void close() {
        try {
            if (xml != null) {
                xml.close();
            }
            raw.close();
        } catch (XMLStreamException | IOException e) {
            throw new UncheckedIOException(new IOException("closing " + name, e));
        }
    }
}
