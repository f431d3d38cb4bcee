using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace PrintFarm.Protocol;

/// <summary>
/// How the farm protocol reads a number: a JSON number, or a string holding one (printers are
/// sloppy), like <see cref="System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString"/>.
/// That also reads "NaN" and "Infinity", which JSON cannot write back, and a number past a
/// double's range is infinite too; the converters decide what becomes of those.
/// </summary>
internal static class ProtocolNumbers
{
    private const NumberStyles Decimal = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>The value, possibly NaN or infinite. Throws <see cref="JsonException"/> for anything that is not a number.</summary>
    public static double ReadDouble(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.Number or JsonTokenType.String
            && double.TryParse(Text(ref reader), Decimal, CultureInfo.InvariantCulture, out var value)) return value;
        throw new JsonException($"Expected a number, got {reader.TokenType}.");
    }

    /// <summary>
    /// The value; null for NaN and ±Infinity, which are dropped like a field never sent. Throws
    /// <see cref="JsonException"/> for anything else that is not a whole number in range.
    /// </summary>
    public static int? ReadOptionalInt32(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.Number or JsonTokenType.String)
        {
            var text = Text(ref reader);
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)) return whole;
            if (double.TryParse(text, Decimal, CultureInfo.InvariantCulture, out var d) && !double.IsFinite(d)) return null;
        }
        throw new JsonException($"Expected a whole number, got {reader.TokenType}.");
    }

    private static ReadOnlySpan<byte> Text(ref Utf8JsonReader reader)
    {
        if (!reader.HasValueSequence && !reader.ValueIsEscaped) return reader.ValueSpan;
        // Rare: a value split across buffers, or a string with escapes in it.
        var buffer = new byte[reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length];
        if (reader.TokenType == JsonTokenType.String) return buffer.AsSpan(0, reader.CopyString(buffer));
        reader.ValueSequence.CopyTo(buffer);
        return buffer;
    }
}
