using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace PrintFarm.Designs.Intake;

/// <summary>
/// What a file is, from its first bytes and its size, never its name: binary G-code starts
/// <c>GCDE</c>, a zip <c>PK\x03\x04</c>; a binary STL is exactly 84 + 50 × its triangle count
/// bytes (checked before the word <c>solid</c>, which many binary headers also start with);
/// text is G-code when it has G or M commands, an ASCII STL with <c>facet</c>, an OBJ with
/// <c>v</c> and <c>f</c> lines.
/// </summary>
public static partial class FileSniffer
{
    public enum Kind { BinaryGCode, Zip, BinaryStl, GCode, AsciiStl, Obj }

    private const int Look = 64 * 1024;

    public static Kind Sniff(Stream file)
    {
        file.Seek(0, SeekOrigin.Begin);
        var head = new byte[(int)Math.Min(Look, file.Length)];
        file.ReadExactly(head);
        ReadOnlySpan<byte> bytes = head;
        if (bytes.Length == 0) throw new DesignRefusedException("The file is empty.");
        if (bytes.StartsWith("GCDE"u8)) return Kind.BinaryGCode;
        if (bytes.StartsWith("PK\x03\x04"u8)) return Kind.Zip;
        if (bytes.StartsWith("PK"u8)) throw new DesignRefusedException("The file is an empty or split zip: the farm cannot print it.");
        if (bytes.Length >= 84 && file.Length == 84 + 50L * BinaryPrimitives.ReadUInt32LittleEndian(bytes[80..])) return Kind.BinaryStl;
        if (Program(bytes) is { } program) throw new DesignRefusedException($"The file is {program}, not a print file: refused.");
        // Text from here: a NUL byte means it is not.
        if (bytes.Contains((byte)0))
        {
            if (bytes.Length >= 84 && bytes.StartsWith("solid"u8))
                throw new DesignRefusedException("The file looks like a binary STL, but its size does not match its triangle count: it was cut short.");
            throw new DesignRefusedException("The file is not G-code, binary G-code, 3MF, STL or OBJ: the farm cannot tell what it is.");
        }
        var text = Encoding.UTF8.GetString(bytes);
        if (text.TrimStart().StartsWith("solid", StringComparison.OrdinalIgnoreCase) && text.Contains("facet", StringComparison.OrdinalIgnoreCase)) return Kind.AsciiStl;
        if (Command().IsMatch(text)) return Kind.GCode;
        if (Vertex().IsMatch(text) && Face().IsMatch(text)) return Kind.Obj;
        throw new DesignRefusedException("The file is not G-code, binary G-code, 3MF, STL or OBJ: the farm cannot tell what it is.");
    }

    /// <summary>Executables and scripts, named so the person who sent one by mistake knows what they sent.</summary>
    private static string? Program(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("MZ"u8) ? "a Windows program (MZ)"
        : bytes.StartsWith("\u007FELF"u8) ? "a Linux program (ELF)"
        : bytes.StartsWith((ReadOnlySpan<byte>)[0xCF, 0xFA, 0xED, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xCA, 0xFE, 0xBA, 0xBE]) ? "a macOS program (Mach-O)"
        : bytes.StartsWith("#!"u8) ? "a script (#!)"
        : null;

    [GeneratedRegex(@"^\s*[GM]\d{1,4}(?=[\s;]|$)", RegexOptions.Multiline)]
    private static partial Regex Command();

    [GeneratedRegex(@"^v\s+-?\d", RegexOptions.Multiline)]
    private static partial Regex Vertex();

    [GeneratedRegex(@"^f\s+\d", RegexOptions.Multiline)]
    private static partial Regex Face();
}
