using PrintFarm.Printers.Access;
using PrintFarm.Protocol;

namespace PrintFarm.Silo.Mqtt;

/// <summary>
/// <c>logins --file F --prefix sim- --count N</c>: makes sure the logins file has a password for
/// each printer id (the simulator's numbering), keeping the ones it has, so the demo's printers and
/// the farm agree across runs. The passwords stay in the file (mode 600); nothing is printed.
/// </summary>
public static class LoginsCommandLine
{
    public static int Run(string[] args)
    {
        string? file = null, prefix = null;
        var count = 0;
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--file": file = args[i + 1]; break;
                case "--prefix": prefix = args[i + 1]; break;
                case "--count": int.TryParse(args[i + 1], out count); break;
            }
        }
        if (file is null || prefix is null || count is < 1 or > 100_000)
        {
            Console.Error.WriteLine("usage: logins --file FILE --prefix sim- --count N (1 to 100000)");
            return 2;
        }
        PrinterLoginsFile logins;
        try
        {
            logins = File.Exists(file) ? PrinterLoginsFile.Read(file) : new PrinterLoginsFile();
        }
        catch (InvalidDataException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 1;
        }
        var added = 0;
        for (var n = 1; n <= count; n++)
        {
            // The simulator's numbering (FleetRoster.PrinterId): sim-001, sim-1000.
            var id = $"{prefix}{n:D3}";
            if (logins.PasswordOf(id) is not null) continue;
            logins.Printers.Add(new PrinterLogin { Id = id, Password = PrinterPassword.New() });
            added++;
        }
        if (added > 0 || !File.Exists(file)) logins.Write(file);
        Console.WriteLine($"{file}: {logins.Printers.Count} printer logins ({added} new).");
        return 0;
    }
}
