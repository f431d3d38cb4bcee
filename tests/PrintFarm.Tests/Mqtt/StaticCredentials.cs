using PrintFarm.Printers.Access;
using PrintFarm.Silo.Mqtt;

namespace PrintFarm.Tests.Mqtt;

/// <summary>Printers' credentials for an embedded broker started on its own, without a silo: the hashes the grain would hold.</summary>
internal sealed class StaticCredentials : IPrinterCredentialsLookup
{
    private readonly Dictionary<string, (string Password, string Hash)> _printers = [];

    public StaticCredentials(params string[] printerIds)
    {
        foreach (var id in printerIds)
        {
            var password = PrinterPassword.New();
            _printers[id] = (password, MosquittoPasswordHash.Create(password));
        }
    }

    public string FarmPassword { get; } = PrinterPassword.New();

    public string PasswordOf(string printerId) => _printers[printerId].Password;

    public void Revoke(string printerId) => _printers.Remove(printerId);

    public Task<string?> HashOf(string printerId) => Task.FromResult(_printers.TryGetValue(printerId, out var p) ? p.Hash : null);

    public Task<PrinterTopics> TopicsOf(string printerId) => Task.FromResult(PrinterTopics.Native(printerId));
}
