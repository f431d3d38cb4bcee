using System.Globalization;

namespace PrintFarm.Silo.PrintFiles.Ftps;

/// <summary>
/// One FTP reply (RFC 959 §4.2): a three-digit code and its text lines. Pure: the client feeds it
/// the lines it read, so every quirk of the format is covered by unit tests without a server.
/// </summary>
public sealed record FtpReply(int Code, IReadOnlyList<string> Lines)
{
    /// <summary>The text after the code, lines joined by a space: what goes into an error message.</summary>
    public string Text => string.Join(" ", Lines.Select(line => Strip(line, Code)).Where(l => l.Length > 0));

    public bool IsPreliminary => Code / 100 == 1;
    public bool IsCompletion => Code / 100 == 2;
    public bool IsIntermediate => Code / 100 == 3;

    public override string ToString() => $"{Code} {Text}";

    /// <summary>
    /// Whether <paramref name="lines"/> (read so far, first line first) make a whole reply, and
    /// which. A multi-line reply opens with <c>123-</c> and ends only at a line starting with the
    /// same code and a space (or the bare code): lines between may look like other replies.
    /// </summary>
    /// <exception cref="FormatException">The first line is not the start of an FTP reply.</exception>
    public static bool TryComplete(IReadOnlyList<string> lines, out FtpReply? reply)
    {
        reply = null;
        if (lines.Count == 0) return false;
        var first = lines[0];
        if (!TryCode(first, out var code))
            throw new FormatException("not an FTP reply: the line does not start with a three-digit code");
        var multiLine = first.Length > 3 && first[3] == '-';
        if (!multiLine)
        {
            if (lines.Count > 1) throw new FormatException("a single-line reply was given more than one line");
            reply = new FtpReply(code, lines.ToArray());
            return true;
        }
        for (var i = 1; i < lines.Count; i++)
        {
            var line = lines[i];
            if (TryCode(line, out var last) && last == code && (line.Length == 3 || line[3] == ' '))
            {
                if (i != lines.Count - 1) throw new FormatException("lines after the end of a multi-line reply");
                reply = new FtpReply(code, lines.ToArray());
                return true;
            }
        }
        return false;
    }

    /// <summary>Parses a whole reply of one or more lines (CRLF or LF separated).</summary>
    /// <exception cref="FormatException">Not one complete FTP reply.</exception>
    public static FtpReply Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
        if (!TryComplete(lines, out var reply)) throw new FormatException("the multi-line reply has no last line");
        return reply!;
    }

    /// <summary>
    /// The port of a <c>227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)</c>. The address is left
    /// out on purpose: servers behind NAT (printers included) announce a private one, so the
    /// client always connects to the host of its control connection.
    /// </summary>
    /// <exception cref="FormatException">The reply holds no six numbers that make an address and port.</exception>
    public static int PassivePort(FtpReply reply)
    {
        if (reply.Code != 227) throw new FormatException($"expected a 227 reply to PASV, got {reply.Code}");
        var text = string.Join(" ", reply.Lines);
        // RFC 959 does not fix the brackets (some servers omit them), so take the first run of six numbers.
        var start = 4;
        while (start < text.Length)
        {
            while (start < text.Length && !char.IsAsciiDigit(text[start])) start++;
            var end = start;
            while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == ',')) end++;
            var parts = text[start..end].Split(',');
            if (parts.Length == 6 && parts.All(p => p.Length is > 0 and <= 3 && int.Parse(p, CultureInfo.InvariantCulture) <= 255))
            {
                var port = int.Parse(parts[4], CultureInfo.InvariantCulture) * 256 + int.Parse(parts[5], CultureInfo.InvariantCulture);
                if (port == 0) throw new FormatException("the PASV reply names port 0");
                return port;
            }
            start = end + 1;
        }
        throw new FormatException("the PASV reply holds no h1,h2,h3,h4,p1,p2");
    }

    /// <summary>The port of a <c>229 Entering Extended Passive Mode (|||port|)</c> (RFC 2428 §3; any delimiter).</summary>
    /// <exception cref="FormatException">No <c>(dddport d)</c> in the reply.</exception>
    public static int ExtendedPassivePort(FtpReply reply)
    {
        if (reply.Code != 229) throw new FormatException($"expected a 229 reply to EPSV, got {reply.Code}");
        var text = string.Join(" ", reply.Lines);
        var open = text.IndexOf('(');
        var close = open < 0 ? -1 : text.IndexOf(')', open);
        if (open < 0 || close - open < 6) throw new FormatException("the EPSV reply holds no (|||port|)");
        var inner = text[(open + 1)..close];
        var d = inner[0];
        // The delimiter is any printable ASCII character other than a digit (RFC 2428).
        if (char.IsAsciiDigit(d) || d < 33 || d > 126 || inner[1] != d || inner[2] != d || inner[^1] != d)
            throw new FormatException("the EPSV reply's (|||port|) is malformed");
        var digits = inner[3..^1];
        if (digits.Length is 0 or > 5 || !digits.All(char.IsAsciiDigit)
            || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is 0 or > 65535)
            throw new FormatException("the EPSV reply's port is not a port");
        return port;
    }

    private static bool TryCode(string line, out int code)
    {
        code = 0;
        if (line.Length < 3 || !char.IsAsciiDigit(line[0]) || !char.IsAsciiDigit(line[1]) || !char.IsAsciiDigit(line[2])) return false;
        if (line[0] is < '1' or > '5') return false;
        if (line.Length > 3 && line[3] != ' ' && line[3] != '-') return false;
        code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
        return true;
    }

    // Some servers repeat "123-" on every line of a multi-line reply: that is format, not text.
    private static string Strip(string line, int code) =>
        TryCode(line, out var lineCode) && lineCode == code ? (line.Length > 4 ? line[4..].Trim() : "") : line.Trim();
}
