using System.Text.Json.Serialization;

namespace PrintFarm.Protocol;

/// <summary>One printer's broker login: its id is the MQTT username.</summary>
public sealed class PrinterLogin
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("password")]
    public string? Password { get; set; }

    /// <summary>Never the password.</summary>
    public override string ToString() => $"login of printer {Id}";
}
