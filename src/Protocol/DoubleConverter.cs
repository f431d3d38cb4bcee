using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrintFarm.Protocol;

/// <summary>
/// A number a message cannot leave out (a <see cref="Temperature"/>'s parts), read by the same
/// rule as the optional ones. It has no "absent" to turn NaN or ±Infinity into, and refusing the
/// whole message for one bad reading would lose the rest of it; so the value is read as it is and
/// <c>FarmProtocolAdapter</c>, the one way from these messages into the farm, drops it.
/// </summary>
internal sealed class DoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ProtocolNumbers.ReadDouble(ref reader);

    /// <summary>Throws for NaN and ±Infinity, as System.Text.Json does: JSON has no way to say them.</summary>
    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
