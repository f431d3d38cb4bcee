using System.Collections.Concurrent;
using System.Data.Common;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace PrintFarm.Silo.Secrets;

/// <summary>
/// The Data Protection key ring in the farm's own database (table
/// <c>printfarm_dataprotection_keys</c>, created with the rest of the schema), so every silo of a
/// cluster protects and unprotects with the same keys. Data Protection calls it rarely (at start,
/// when a key is made, and about once a day) and synchronously.
/// </summary>
public sealed class FarmKeyRing(Func<DbConnection> connect, bool postgres) : IXmlRepository
{
    public const string Table = "printfarm_dataprotection_keys";

    public static FarmKeyRing OnSqlite(string connectionString) => new(() => new SqliteConnection(connectionString), postgres: false);

    public static FarmKeyRing OnPostgres(string connectionString) => new(() => new NpgsqlConnection(connectionString), postgres: true);

    /// <summary>For memory storage: the keys live as long as the process, like the grain state.</summary>
    public static IXmlRepository InMemory { get; } = new MemoryKeyRing();

    public bool IsPostgres => postgres;

    public DbConnection Open()
    {
        var connection = connect();
        connection.Open();
        return connection;
    }

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT xml FROM {Table} ORDER BY created_at, friendly_name";
        using var reader = command.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read()) keys.Add(XElement.Parse(reader.GetString(0)));
        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        // The key manager names each key after its id; a key is never written twice, nor changed.
        command.CommandText = $"INSERT INTO {Table} (friendly_name, xml) VALUES (@name, @xml) ON CONFLICT (friendly_name) DO NOTHING";
        Add(command, "@name", string.IsNullOrEmpty(friendlyName) ? $"key-{Guid.NewGuid():N}" : friendlyName);
        Add(command, "@xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }

    private static void Add(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private sealed class MemoryKeyRing : IXmlRepository
    {
        private readonly ConcurrentQueue<XElement> _keys = new();
        public IReadOnlyCollection<XElement> GetAllElements() => _keys.Select(k => new XElement(k)).ToList();
        public void StoreElement(XElement element, string friendlyName) => _keys.Enqueue(new XElement(element));
    }
}
