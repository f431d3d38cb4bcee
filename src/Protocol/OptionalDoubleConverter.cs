using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrintFarm.Protocol;

/// <summary>
/// An optional number in a farm message. NaN and ±Infinity read as absent: the farm would store
/// them and then fail to write them as JSON (every printer list would answer 500), and a reading
/// that is not a number tells nothing anyway. The rest of the message still counts.
/// </summary>
internal sealed class OptionalDoubleConverter : JsonConverter<double?>
{
    public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = ProtocolNumbers.ReadDouble(ref reader);
        return double.IsFinite(value) ? value : null;
    }

    public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options)
    {
        if (value is { } v && double.IsFinite(v)) writer.WriteNumberValue(v);
        else writer.WriteNullValue();
    }
}
