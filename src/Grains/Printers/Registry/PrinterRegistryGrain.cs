using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrintFarm.Printers.Links;

namespace PrintFarm.Printers.Registry;

/// <summary>
/// A thin shell over <see cref="PrinterRegistry"/>: stores each change before answering, then
/// wakes the printer's link. Keeps secrets only protected (<see cref="IPrinterSecrets"/>), and
/// protects at activation what an older version stored in plain text.
/// </summary>
public sealed partial class PrinterRegistryGrain(
    [PersistentState("registry", FarmStorage.Name)] IPersistentState<PrinterRegistryState> state,
    IPrinterSecrets secrets,
    IOptions<LinkOptions> linkOptions,
    ILogger<PrinterRegistryGrain> logger) : Grain, IPrinterRegistryGrain
{
    private readonly CaCertificateFolder _caFolder = new(linkOptions.Value.CaCertificateFolder);

    private PrinterRegistry Registry => new(state.State, secrets, linkOptions.Value.MaxRegisteredPrinters);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var before = Snapshot();
        if (!Registry.ProtectPlainSecrets()) return;
        try
        {
            await state.WriteStateAsync(cancellationToken);
            LogSecretsProtected(state.State.Secrets.Count);
        }
        catch
        {
            Restore(before);
            throw;
        }
    }

    public async Task<RegistrationOutcome> Register(PrinterRegistration registration, RegistrationSource source)
    {
        var (valid, errors) = PrinterRegistrationValidator.Validate(registration);
        if (valid is null)
            throw new InvalidPrinterRegistrationException("Invalid registration: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        var id = valid.Id!;
        if (valid.Bambu?.CaCertificate is { } ca)
        {
            // Checked here, on a silo, where the folder is: bounded, and one answer for every failure.
            try { _caFolder.Load(ca).Dispose(); }
            catch (InvalidOperationException ex) { throw new InvalidPrinterRegistrationException($"Invalid registration: bambu.caCertificate: {ex.Message}."); }
        }
        // The printer grain interleaves this call, so asking it while it waits on us cannot deadlock.
        var known = Registry.NeedsFarmCheck(id) && await GrainFactory.GetGrain<IPrinterGrain>(id).IsKnown();

        var before = Snapshot();
        RegistrationOutcome outcome;
        try
        {
            outcome = Registry.Register(valid, source, known);
            if (outcome != RegistrationOutcome.Unchanged) await state.WriteStateAsync();
        }
        catch (Exception ex) when (ex is not (PrinterRegistrationConflictException or InvalidPrinterRegistrationException))
        {
            // Not stored: put the state back so memory never holds what storage does not.
            Restore(before);
            throw;
        }
        if (outcome != RegistrationOutcome.Unchanged)
        {
            var stored = state.State.Printers[id];
            LogRegistered(id, stored.Dialect ?? PrinterDialect.Native, outcome, source);
            // What the printer may publish on the farm's broker follows its dialect and topics.
            GrainFactory.GetGrain<PrintFarm.Printers.Access.IPrinterCredentialsGrain>(PrintFarm.Printers.Access.IPrinterCredentialsGrain.Key).RegistrationChanged(id).Ignore();
        }
        if (state.State.Printers[id].Dialect is not PrinterDialect.Native)
        {
            GrainFactory.GetGrain<IPrinterLinkGrain>(id).Ensure().Ignore();
        }
        return outcome;
    }

    public async Task<bool> Remove(string printerId)
    {
        var before = Snapshot();
        var dialect = Registry.Get(printerId)?.Dialect;
        if (!Registry.Remove(printerId)) return false;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            Restore(before);
            throw;
        }
        LogRemoved(printerId, dialect ?? PrinterDialect.Native);
        // The link finds no registration and stops its connection.
        if (dialect is not PrinterDialect.Native) GrainFactory.GetGrain<IPrinterLinkGrain>(printerId).Ensure().Ignore();
        return true;
    }

    public Task<LinkRegistration?> GetForLink(string printerId) => Task.FromResult(Registry.ForLink(printerId));

    public Task<PrinterRegistrationView?> Get(string printerId) =>
        Task.FromResult(Registry.Get(printerId) is { } r ? View(r) : null);

    public Task<List<PrinterRegistrationView>> List() =>
        Task.FromResult(state.State.Printers.Values.OrderBy(p => p.Id, StringComparer.Ordinal).Select(View).ToList());

    public Task<PrinterDialect> DialectOf(string printerId) =>
        Task.FromResult(Registry.Get(printerId)?.Dialect ?? PrinterDialect.Native);

    public Task<int> EnsureLinks()
    {
        var count = 0;
        foreach (var printer in state.State.Printers.Values)
        {
            if (printer.Dialect is PrinterDialect.Native) continue;
            GrainFactory.GetGrain<IPrinterLinkGrain>(printer.Id!).Ensure().Ignore();
            count++;
        }
        return Task.FromResult(count);
    }

    private PrinterRegistrationView View(PrinterRegistration r) =>
        PrinterRegistrationView.From(r, SourceOf(r.Id!), Registry.HasSecret(r.Id!));

    private RegistrationSource SourceOf(string id) => state.State.Sources.GetValueOrDefault(id, RegistrationSource.Api);

    private PrinterRegistryState Snapshot() => new()
    {
        // Registrations are replaced, never changed in place, except by ProtectPlainSecrets: copy those it may touch.
        Printers = state.State.Printers.ToDictionary(p => p.Key, p => p.Value.Secret() is not null ? p.Value.Copy() : p.Value),
        Sources = new Dictionary<string, RegistrationSource>(state.State.Sources),
        Secrets = new Dictionary<string, string>(state.State.Secrets),
        Deleted = [.. state.State.Deleted],
    };

    private void Restore(PrinterRegistryState before)
    {
        state.State.Printers = before.Printers;
        state.State.Sources = before.Sources;
        state.State.Secrets = before.Secrets;
        state.State.Deleted = before.Deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Printer {PrinterId} ({Dialect}) registration {Outcome} from {Source}")]
    private partial void LogRegistered(string printerId, PrinterDialect dialect, RegistrationOutcome outcome, RegistrationSource source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Printer {PrinterId} ({Dialect}) registration deleted")]
    private partial void LogRemoved(string printerId, PrinterDialect dialect);

    [LoggerMessage(Level = LogLevel.Information, Message = "Printer registry: protected the secrets stored in plain text by an earlier version ({Count} kept protected)")]
    private partial void LogSecretsProtected(int count);
}
