using Npgsql;

namespace PrintFarm.Tests.Postgres;

/// <summary>Small queries the tests use to look inside the database.</summary>
internal static class Sql
{
    /// <summary>Unpooled: a pooled connection would outlive a server restart in another test and fail.</summary>
    public static NpgsqlConnection Open(string connectionString) =>
        new(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);

    public static async Task<T> Scalar<T>(string connectionString, string sql)
    {
        await using var connection = Open(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return (T)Convert.ChangeType(value!, typeof(T));
    }

    public static async Task<List<string>> Strings(string connectionString, string sql)
    {
        await using var connection = Open(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }

    public static async Task Execute(string connectionString, string sql)
    {
        await using var connection = Open(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
