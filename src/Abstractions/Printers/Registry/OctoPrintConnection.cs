namespace PrintFarm.Printers.Registry;

/// <summary>An OctoPrint instance as the farm reaches it: its MQTT plugin's topics, and its REST API for files.</summary>
[GenerateSerializer, Alias("PrintFarm.OctoPrintConnection")]
public sealed class OctoPrintConnection
{
    /// <summary>The plugin's <c>baseTopic</c>, unique per instance (e.g. <c>farm/octo-07/</c>).</summary>
    [Id(0)] public string? BaseTopic { get; set; }
    /// <summary>Where its web interface answers (e.g. <c>http://10.0.0.7/</c>): files are uploaded to <c>api/files/local</c> under it.</summary>
    [Id(1)] public string? Url { get; set; }
    /// <summary>An application key with the FILES_UPLOAD permission. A secret: never shown, never logged.</summary>
    [Id(2)] public string? ApiKey { get; set; }

    public override string ToString() => $"octoprint {BaseTopic}{(Url is null ? "" : $" {Url}")}";
}
