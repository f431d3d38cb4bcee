using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrintFarm.Protocol;

/// <summary>
/// An optional whole number in a farm message (seconds, millimetres). "NaN" and "Infinity" read
/// as absent, like the same values in a decimal field, instead of making the whole message
/// unreadable; anything else that is not a whole number still does.
/// </summary>
internal sealed class OptionalInt32Converter : JsonConverter<int?>
{
    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ProtocolNumbers.ReadOptionalInt32(ref reader);

    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options)
    {
        if (value is { } v) writer.WriteNumberValue(v);
        else writer.WriteNullValue();
    }
}
