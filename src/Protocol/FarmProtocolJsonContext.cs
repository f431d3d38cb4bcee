using System.Text.Json.Serialization;

namespace PrintFarm.Protocol;

// The number converters replace NumberHandling for double, double? and int? (a custom converter
// reads strings itself): they still read numbers sent as strings, and keep NaN and ±Infinity
// from reaching the farm. NumberHandling stays for any other numeric type a message may gain.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    RespectRequiredConstructorParameters = true,
    Converters = [typeof(OptionalDoubleConverter), typeof(DoubleConverter), typeof(OptionalInt32Converter)])]
[JsonSerializable(typeof(PrinterStatusMessage))]
[JsonSerializable(typeof(PrinterTelemetryMessage))]
[JsonSerializable(typeof(PrinterEventMessage))]
[JsonSerializable(typeof(PrinterCommandMessage))]
internal sealed partial class FarmProtocolJsonContext : JsonSerializerContext;
