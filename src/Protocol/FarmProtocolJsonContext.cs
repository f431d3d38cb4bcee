using System.Text.Json.Serialization;

namespace PrintFarm.Protocol;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(PrinterStatusMessage))]
[JsonSerializable(typeof(PrinterTelemetryMessage))]
[JsonSerializable(typeof(PrinterEventMessage))]
[JsonSerializable(typeof(PrinterCommandMessage))]
internal sealed partial class FarmProtocolJsonContext : JsonSerializerContext;
