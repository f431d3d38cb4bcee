using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PrintFarm.Orders;
using PrintFarm.Protocol;

namespace PrintFarm.Printers.Registry;

/// <summary>
/// Checks a registration and gives back its tidy form (trimmed, defaults filled in). Errors name
/// the field as a client sent it (<c>bambu.accessCode</c>) and never repeat a secret's value.
/// </summary>
public static class PrinterRegistrationValidator
{
    public const int MaxNameLength = 100;
    public const int MaxTopicLength = 200;
    public const int MaxModelLength = 100;
    public const int MaxMaterials = 32;
    public const int MaxMaterialLength = 32;
    /// <summary>PEM text of a CA (a chain at most); a path is far shorter.</summary>
    public const int MaxCaCertificateLength = 64 * 1024;
    public const int MaxPathLength = 1024;

    public static (PrinterRegistration? Valid, Dictionary<string, string[]> Errors) Validate(PrinterRegistration? r)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }

        if (r is null)
        {
            Add("$", "The registration is empty.");
            return (null, Done());
        }

        var id = r.Id?.Trim();
        if (string.IsNullOrEmpty(id)) Add("id", "The printer id is required.");
        else if (!PrinterId.IsValid(id)) Add("id", $"Use up to {PrinterId.MaxLength} letters, digits, '-', '_' or '.' for the printer id.");

        var name = string.IsNullOrWhiteSpace(r.Name) ? id : r.Name.Trim();
        if (name is { Length: > MaxNameLength }) Add("name", $"Keep the name to {MaxNameLength} characters.");

        if (r.Dialect is not { } dialect || !Enum.IsDefined(dialect))
        {
            Add("dialect", "Say how the printer talks: native, bambu, octoprint or moonraker.");
            dialect = PrinterDialect.Native;
        }

        var technology = string.IsNullOrWhiteSpace(r.Technology) ? "FDM" : r.Technology.Trim().ToUpperInvariant();
        if (!OrderRequestValidator.Technologies.Contains(technology))
            Add("technology", $"Unknown technology '{r.Technology}'; use one of {string.Join(", ", OrderRequestValidator.Technologies)}.");

        if (r.Model is { Length: > MaxModelLength }) Add("model", $"Keep the model to {MaxModelLength} characters.");

        var materials = (r.Materials ?? []).Select(m => m?.Trim() ?? "").ToList();
        if (materials.Count > MaxMaterials) Add("materials", $"List at most {MaxMaterials} materials.");
        else if (materials.Any(m => m.Length is 0 or > MaxMaterialLength)) Add("materials", $"Each material is a name of 1 to {MaxMaterialLength} characters, e.g. PLA.");
        if (dialect != PrinterDialect.Native && materials.Count == 0)
            Add("materials", "List what the printer is loaded with (e.g. [\"PLA\"]): only native printers announce it themselves.");

        BambuConnection? bambu = null;
        OctoPrintConnection? octo = null;
        MoonrakerConnection? moon = null;
        if (dialect != PrinterDialect.Bambu && r.Bambu is not null) Add("bambu", "Only for printers whose dialect is bambu.");
        if (dialect != PrinterDialect.OctoPrint && r.OctoPrint is not null) Add("octoPrint", "Only for printers whose dialect is octoprint.");
        if (dialect != PrinterDialect.Moonraker && r.Moonraker is not null) Add("moonraker", "Only for printers whose dialect is moonraker.");

        switch (dialect)
        {
            case PrinterDialect.Bambu:
                bambu = ValidateBambu(r.Bambu, Add);
                break;
            case PrinterDialect.OctoPrint:
                var topic = r.OctoPrint?.BaseTopic?.Trim();
                if (string.IsNullOrEmpty(topic)) Add("octoPrint.baseTopic", "The plugin's base topic is required (e.g. farm/octo-07/).");
                else if (topic.Length > MaxTopicLength || topic.IndexOfAny(['+', '#', '\0']) >= 0 || topic.StartsWith('/') || topic.StartsWith('$') || topic.Contains("//"))
                    Add("octoPrint.baseTopic", "The base topic is an MQTT topic without wildcards ('+', '#'), not starting with '/' or '$'.");
                else if ((topic.EndsWith('/') ? topic : topic + "/").StartsWith(FarmTopics.Root + "/", StringComparison.Ordinal))
                    Add("octoPrint.baseTopic", $"'{FarmTopics.Root}/' belongs to native printers; choose another base topic.");
                else octo = new OctoPrintConnection { BaseTopic = topic.EndsWith('/') ? topic : topic + "/" };
                var octoUrl = FilesUrl(r.OctoPrint?.Url, "octoPrint", Add);
                var octoKey = ApiKey(r.OctoPrint?.ApiKey, "octoPrint", required: octoUrl is not null, Add);
                if (octo is not null) { octo.Url = octoUrl; octo.ApiKey = octoKey; }
                break;
            case PrinterDialect.Moonraker:
                var instance = r.Moonraker?.Instance?.Trim();
                if (string.IsNullOrEmpty(instance)) Add("moonraker.instance", "Moonraker's instance_name is required.");
                else if (instance.Length > PrinterId.MaxLength || instance.IndexOfAny(['+', '#', '/', '\0']) >= 0 || instance.StartsWith('$'))
                    Add("moonraker.instance", $"The instance name is one topic segment: up to {PrinterId.MaxLength} characters, no '/', '+' or '#'.");
                else moon = new MoonrakerConnection { Instance = instance };
                var moonUrl = FilesUrl(r.Moonraker?.Url, "moonraker", Add);
                var moonKey = ApiKey(r.Moonraker?.ApiKey, "moonraker", required: false, Add);
                if (moon is not null) { moon.Url = moonUrl; moon.ApiKey = moonKey; }
                break;
        }

        if (errors.Count > 0) return (null, Done());
        return (new PrinterRegistration
        {
            Id = id,
            Name = name,
            Dialect = dialect,
            Model = string.IsNullOrWhiteSpace(r.Model) ? null : r.Model.Trim(),
            Technology = technology,
            Materials = materials,
            Bambu = bambu,
            OctoPrint = octo,
            Moonraker = moon,
        }, []);

        Dictionary<string, string[]> Done() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    public const int MaxApiKeyLength = 256;

    /// <summary>
    /// The HTTP base URL files are uploaded under, normalized to end with '/'. Credentials belong in
    /// the API key, so a URL carrying a user or password is refused (and never echoed).
    /// </summary>
    private static string? FilesUrl(string? value, string at, Action<string, string> add)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        if (text.Length > MaxPathLength || !Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            add($"{at}.url", "The URL is where the printer's web API answers, e.g. http://10.0.0.7/ (http or https).");
            return null;
        }
        if (url.UserInfo.Length > 0) { add($"{at}.url", "Put no user or password in the URL: give the apiKey instead."); return null; }
        if (url.Query.Length > 0 || url.Fragment.Length > 0) { add($"{at}.url", "The URL has no query or fragment: only scheme, host, port and path."); return null; }
        var normalized = url.GetLeftPart(UriPartial.Path);
        return normalized.EndsWith('/') ? normalized : normalized + "/";
    }

    /// <summary>Never echoes the key: only what is wrong with it.</summary>
    private static string? ApiKey(string? key, string at, bool required, Action<string, string> add)
    {
        if (string.IsNullOrEmpty(key))
        {
            if (required) add($"{at}.apiKey", "The API key is required with the url: the printer refuses uploads without it.");
            return null;
        }
        if (key.Length > MaxApiKeyLength || key.Any(char.IsWhiteSpace) || key.Any(char.IsControl))
        {
            add($"{at}.apiKey", $"The API key has up to {MaxApiKeyLength} characters and no spaces.");
            return null;
        }
        return key;
    }

    private static BambuConnection? ValidateBambu(BambuConnection? b, Action<string, string> add)
    {
        if (b is null)
        {
            add("bambu", "A bambu printer needs its connection: host, serial, accessCode, caCertificate.");
            return null;
        }
        var ok = true;
        var host = b.Host?.Trim();
        if (string.IsNullOrEmpty(host)) { add("bambu.host", "The printer's address on the LAN is required."); ok = false; }
        else if (host.Length > 253 || Uri.CheckHostName(host) == UriHostNameType.Unknown) { add("bambu.host", "Not a host name or IP address."); ok = false; }

        var serial = b.Serial?.Trim();
        if (string.IsNullOrEmpty(serial)) { add("bambu.serial", "The printer's serial is required (it names its topics and its certificate)."); ok = false; }
        else if (!PrinterId.IsValid(serial)) { add("bambu.serial", "A serial is letters and digits."); ok = false; }

        // Never echo the code itself: only what is wrong with it.
        var code = b.AccessCode;
        if (string.IsNullOrEmpty(code)) { add("bambu.accessCode", "The LAN access code is required (shown on the printer's screen)."); ok = false; }
        else if (code.Length > 64 || code.Any(char.IsWhiteSpace) || code.Any(char.IsControl)) { add("bambu.accessCode", "The access code has up to 64 characters and no spaces."); ok = false; }

        var port = b.Port ?? BambuConnection.DefaultPort;
        if (port is < 1 or > 65535) { add("bambu.port", "The port is between 1 and 65535 (8883 on Bambu printers)."); ok = false; }

        var ftpsPort = b.FtpsPort ?? BambuConnection.DefaultFtpsPort;
        if (ftpsPort is < 1 or > 65535) { add("bambu.ftpsPort", "The FTPS port is between 1 and 65535 (990 on Bambu printers)."); ok = false; }

        var ca = b.CaCertificate?.Trim();
        if (string.IsNullOrEmpty(ca)) { add("bambu.caCertificate", "The printer's CA certificate is required (PEM text or the path of a PEM file on the silos): the connection is pinned to it."); ok = false; }
        else if (ca.Length > MaxCaCertificateLength) { add("bambu.caCertificate", $"The CA certificate is at most {MaxCaCertificateLength / 1024} KiB of PEM text."); ok = false; }
        else if (ca.StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            try { using var _ = X509Certificate2.CreateFromPem(ca); }
            catch (CryptographicException) { add("bambu.caCertificate", "This PEM text is not a certificate."); ok = false; }
        }
        else if (ca.Length > MaxPathLength || ca.Contains('\0') || !Path.IsPathFullyQualified(ca))
        {
            add("bambu.caCertificate", "Give PEM text, or the absolute path of a PEM file in the silos' CA folder (Links:CaCertificateFolder).");
            ok = false;
        }

        return ok ? new BambuConnection { Host = host, Serial = serial, AccessCode = code, Port = port, CaCertificate = ca, FtpsPort = ftpsPort } : null;
    }
}
