using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrintFarm.Printers.Registry;

namespace PrintFarm.Silo.Telemetry.Links;

/// <summary>
/// Registers the printers of the configuration (configuration wins over what an earlier start
/// stored) and wakes every link. A bad entry is logged by field and skipped: the others still come
/// up. Run by <see cref="LinkKeeper"/> after the silo has started, never as a startup task: a
/// registry that cannot be reached (its silo just died, the database is down) must not keep a
/// silo from starting.
/// </summary>
public sealed partial class FleetRegistrar(IGrainFactory grains, IOptions<FleetOptions> options, ILogger<FleetRegistrar> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public async Task RegisterConfigured(CancellationToken cancellationToken)
    {
        var registry = grains.GetGrain<IPrinterRegistryGrain>(IPrinterRegistryGrain.Key);
        foreach (var (where, printer) in Configured())
        {
            var (valid, errors) = PrinterRegistrationValidator.Validate(printer);
            if (valid is null)
            {
                LogInvalid(where, string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
                continue;
            }
            try
            {
                await registry.Register(valid, RegistrationSource.Configuration);
            }
            catch (Exception ex) when (ex is PrinterRegistrationConflictException or InvalidPrinterRegistrationException)
            {
                // What only a silo can check (the CA file, an id the farm knows): logged, the others still come up.
                LogInvalid(where, ex.Message);
            }
        }
        await registry.EnsureLinks();
    }

    private IEnumerable<(string Where, PrinterRegistration Printer)> Configured()
    {
        var fleet = options.Value;
        for (var i = 0; i < fleet.Printers.Count; i++) yield return ($"Fleet:Printers:{i}", fleet.Printers[i]);
        if (string.IsNullOrWhiteSpace(fleet.PrintersFile)) yield break;

        List<PrinterRegistration>? fromFile = null;
        try
        {
            using var stream = File.OpenRead(fleet.PrintersFile);
            using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var list = document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("printers", out var inner) ? inner : document.RootElement;
            fromFile = list.Deserialize<List<PrinterRegistration>>(Json);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            // JsonException messages quote positions, not values: safe to log.
            LogBadFile(fleet.PrintersFile, ex.Message);
        }
        for (var i = 0; i < (fromFile?.Count ?? 0); i++) yield return ($"{fleet.PrintersFile}[{i}]", fromFile![i]);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Printer registration {Where} skipped: {Problem}")]
    private partial void LogInvalid(string where, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cannot read the printers file {Path}: {Error}")]
    private partial void LogBadFile(string path, string error);
}
