using System.Text;

namespace PrintFarm.Bench.Cluster;

/// <summary>
/// Server-sent events out of raw bytes as they arrive, so the bench can count the bytes itself:
/// lines are cut at LF (a CR before it dropped), <c>event:</c> names the event, <c>data:</c>
/// lines join with LF, and an empty line ends the event.
/// </summary>
public sealed class SseLineReader
{
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private readonly StringBuilder _line = new();
    private readonly StringBuilder _data = new();
    private char[] _chars = [];
    private string? _type;
    private bool _any;

    /// <summary>The events these bytes completed: their type ("message" when unnamed) and data.</summary>
    public List<(string Type, string Data)> Feed(ReadOnlySpan<byte> bytes)
    {
        var done = new List<(string, string)>();
        var max = Encoding.UTF8.GetMaxCharCount(bytes.Length);
        if (_chars.Length < max) _chars = new char[max];
        var count = _decoder.GetChars(bytes, _chars, flush: false);
        foreach (var c in _chars.AsSpan(0, count))
        {
            if (c == '\r') continue;
            if (c != '\n')
            {
                _line.Append(c);
                continue;
            }
            if (_line.Length == 0)
            {
                if (_any) done.Add((_type ?? "message", _data.ToString()));
                _type = null;
                _data.Clear();
                _any = false;
            }
            else
            {
                Field(_line.ToString());
            }
            _line.Clear();
        }
        return done;
    }

    private void Field(string line)
    {
        var colon = line.IndexOf(':');
        if (colon == 0) return; // a comment
        var name = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? "" : line[(colon + 1)..];
        if (value.StartsWith(' ')) value = value[1..];
        if (name == "event") _type = value;
        else if (name == "data") _data.Append(value).Append('\n');
        else return;
        _any = true;
    }
}
