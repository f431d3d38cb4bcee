using System.Security.Cryptography;

namespace PrintFarm.Printers.Registry;

/// <summary>
/// The rules of the registry over its state. Pure: no Orleans. Secrets are kept only in their
/// protected form (<see cref="PrinterRegistryState.Secrets"/>); what <see cref="Get"/> returns has none.
/// </summary>
public sealed class PrinterRegistry(PrinterRegistryState state, IPrinterSecrets secrets, int maxPrinters = PrinterRegistry.DefaultMaxPrinters)
{
    public const int DefaultMaxPrinters = 1000;

    public PrinterRegistryState State { get; } = state;

    /// <summary>
    /// State stored before secrets were protected keeps access codes in plain text: protects each
    /// and takes it out of the registration. True when something changed (the caller stores it).
    /// </summary>
    public bool ProtectPlainSecrets()
    {
        var changed = false;
        foreach (var (id, printer) in State.Printers)
        {
            if (printer.Secret() is not { Length: > 0 } plain) continue;
            State.Secrets[id] = secrets.Protect(plain);
            printer.ForgetSecret();
            changed = true;
        }
        return changed;
    }

    /// <summary>
    /// Whether registering <paramref name="id"/> needs the farm's word that no printer is known
    /// under it (a native printer announced itself): true for an id the registry never had.
    /// </summary>
    public bool NeedsFarmCheck(string id) => !State.Printers.ContainsKey(id) && !State.Deleted.Contains(id);

    /// <summary>
    /// Adds or (from configuration) updates a printer. Throws <see cref="InvalidPrinterRegistrationException"/>
    /// or <see cref="PrinterRegistrationConflictException"/> and changes nothing when it cannot.
    /// Through the API a registered id with a secret always conflicts, with the same answer whatever
    /// the secret sent, so that trying access codes tells nothing; delete the registration to
    /// register it again. One without a secret sent again unchanged is <see cref="RegistrationOutcome.Unchanged"/>.
    /// </summary>
    /// <param name="knownToFarm">The farm already knows a printer by this id (see <see cref="NeedsFarmCheck"/>).</param>
    public RegistrationOutcome Register(PrinterRegistration candidate, RegistrationSource source, bool knownToFarm = false)
    {
        var (valid, errors) = PrinterRegistrationValidator.Validate(candidate);
        if (valid is null)
            throw new InvalidPrinterRegistrationException("Invalid registration: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        var id = valid.Id!;

        if (State.Printers.TryGetValue(id, out var existing))
        {
            if (source != RegistrationSource.Configuration)
            {
                // Without a secret, the same registration again is safe to confirm (a retry after a
                // 503). With one, "unchanged" would confirm the access code: so it conflicts too.
                if (!State.Secrets.ContainsKey(id) && string.IsNullOrEmpty(valid.Secret()) && existing.SameAs(valid))
                    return RegistrationOutcome.Unchanged;
                var fields = ChangedFields(existing, valid);
                throw new PrinterRegistrationConflictException(
                    $"Printer '{id}' is already registered{(fields == "none" ? "" : $" with other settings ({fields})")}; delete its registration to register it again.");
            }
            if (existing.SameAs(Stripped(valid)) && SameSecret(id, valid)) return RegistrationOutcome.Unchanged;
            CheckConnectionIsFree(valid);
            Store(valid, source);
            return RegistrationOutcome.Updated;
        }
        if (knownToFarm && NeedsFarmCheck(id))
            throw new PrinterRegistrationConflictException($"The farm already knows a printer '{id}'; register this one under another id.");
        CheckConnectionIsFree(valid);
        if (State.Printers.Count >= maxPrinters)
            throw new InvalidPrinterRegistrationException($"Invalid registration: id: the farm already has {maxPrinters} registered printers, its limit (Links:MaxRegisteredPrinters).");
        Store(valid, source);
        return RegistrationOutcome.Created;
    }

    /// <summary>Forgets a registration and its secret. False when there was none.</summary>
    public bool Remove(string id)
    {
        if (!State.Printers.Remove(id)) return false;
        State.Secrets.Remove(id);
        State.Sources.Remove(id);
        State.Deleted.Add(id);
        return true;
    }

    /// <summary>The registration without its secret.</summary>
    public PrinterRegistration? Get(string id) => State.Printers.GetValueOrDefault(id);

    public bool HasSecret(string id) => State.Secrets.ContainsKey(id);

    /// <summary>What the printer's link needs: the registration and its secret, still protected.</summary>
    public LinkRegistration? ForLink(string id) =>
        State.Printers.TryGetValue(id, out var r) ? new LinkRegistration { Registration = r, ProtectedSecret = State.Secrets.GetValueOrDefault(id) } : null;

    private void Store(PrinterRegistration valid, RegistrationSource source)
    {
        var id = valid.Id!;
        var secret = valid.Secret();
        // Protected before anything changes: if it throws, the state is as it was.
        var protectedSecret = string.IsNullOrEmpty(secret) ? null : secrets.Protect(secret);
        State.Printers[id] = Stripped(valid);
        if (protectedSecret is null) State.Secrets.Remove(id);
        else State.Secrets[id] = protectedSecret;
        State.Sources[id] = source;
        State.Deleted.Remove(id);
    }

    private bool SameSecret(string id, PrinterRegistration valid)
    {
        var wanted = valid.Secret();
        if (!State.Secrets.TryGetValue(id, out var kept)) return string.IsNullOrEmpty(wanted);
        try
        {
            return wanted is not null && CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(secrets.Unprotect(kept)), System.Text.Encoding.UTF8.GetBytes(wanted));
        }
        catch (CryptographicException)
        {
            // The key ring lost the key it was protected with: configuration protects it again.
            return false;
        }
    }

    /// <summary>A copy of the registration without its secret, as the state keeps it.</summary>
    private static PrinterRegistration Stripped(PrinterRegistration r) => r.WithoutSecret();

    /// <summary>
    /// One printer per connection: one Bambu serial, and on the farm's broker topic spaces that do
    /// not nest (a base topic inside another printer's would feed it that printer's messages).
    /// The message names no other printer and no value.
    /// </summary>
    private void CheckConnectionIsFree(PrinterRegistration valid)
    {
        foreach (var other in State.Printers.Values)
        {
            if (other.Id == valid.Id || !Overlap(valid, other)) continue;
            throw new PrinterRegistrationConflictException(valid.Dialect switch
            {
                PrinterDialect.Bambu => "That Bambu serial belongs to another registered printer; one printer per connection.",
                PrinterDialect.OctoPrint => "That OctoPrint base topic is, or overlaps, the topics of another registered printer; one printer per connection.",
                _ => "That Moonraker instance is, or overlaps, the topics of another registered printer; one printer per connection.",
            });
        }
    }

    private static bool Overlap(PrinterRegistration a, PrinterRegistration b)
    {
        if (a.Dialect == PrinterDialect.Bambu || b.Dialect == PrinterDialect.Bambu)
            return a.Dialect == b.Dialect && string.Equals(a.Bambu?.Serial, b.Bambu?.Serial, StringComparison.OrdinalIgnoreCase);
        if (TopicSpace(a) is not { } x || TopicSpace(b) is not { } y) return false;
        return x.StartsWith(y, StringComparison.Ordinal) || y.StartsWith(x, StringComparison.Ordinal);
    }

    /// <summary>The topic prefix a printer on the farm's broker publishes under.</summary>
    private static string? TopicSpace(PrinterRegistration r) => r.Dialect switch
    {
        PrinterDialect.OctoPrint => r.OctoPrint?.BaseTopic,
        PrinterDialect.Moonraker => r.Moonraker?.Instance is { } i ? i + "/" : null,
        _ => null,
    };

    /// <summary>Names what differs, leaving out secrets (whether one differs is not said either).</summary>
    internal static string ChangedFields(PrinterRegistration a, PrinterRegistration b)
    {
        var fields = new List<string>();
        if (a.Name != b.Name) fields.Add("name");
        if (a.Dialect != b.Dialect) fields.Add("dialect");
        if (a.Model != b.Model) fields.Add("model");
        if (a.Technology != b.Technology) fields.Add("technology");
        if (!(a.Materials ?? []).SequenceEqual(b.Materials ?? [])) fields.Add("materials");
        if (a.Bambu?.Host != b.Bambu?.Host) fields.Add("bambu.host");
        if (a.Bambu?.Serial != b.Bambu?.Serial) fields.Add("bambu.serial");
        if (a.Bambu?.Port != b.Bambu?.Port) fields.Add("bambu.port");
        if (a.Bambu?.CaCertificate != b.Bambu?.CaCertificate) fields.Add("bambu.caCertificate");
        if (a.Bambu?.FtpsPort != b.Bambu?.FtpsPort) fields.Add("bambu.ftpsPort");
        if (a.OctoPrint?.BaseTopic != b.OctoPrint?.BaseTopic) fields.Add("octoPrint.baseTopic");
        if (a.OctoPrint?.Url != b.OctoPrint?.Url) fields.Add("octoPrint.url");
        if (a.Moonraker?.Instance != b.Moonraker?.Instance) fields.Add("moonraker.instance");
        if (a.Moonraker?.Url != b.Moonraker?.Url) fields.Add("moonraker.url");
        return fields.Count == 0 ? "none" : string.Join(", ", fields);
    }
}
