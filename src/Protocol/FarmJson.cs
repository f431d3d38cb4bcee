using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrintFarm.Protocol;

/// <summary>
/// One JSON dialect for the farm protocol: camelCase, enums as strings, numbers accepted as
/// strings (printers are sloppy), unknown fields ignored. Source-generated for the hot path.
/// </summary>
public static class FarmJson
{
    public static JsonSerializerOptions Options => FarmProtocolJsonContext.Default.Options;

    public static byte[] Serialize<T>(T message) =>
        JsonSerializer.SerializeToUtf8Bytes(message, typeof(T), FarmProtocolJsonContext.Default);

    /// <summary>Throws <see cref="JsonException"/> on malformed input; callers count and drop.</summary>
    public static T Deserialize<T>(ReadOnlySpan<byte> utf8) where T : class =>
        (T?)JsonSerializer.Deserialize(utf8, typeof(T), FarmProtocolJsonContext.Default)
        ?? throw new JsonException($"Empty {typeof(T).Name} payload.");
}
