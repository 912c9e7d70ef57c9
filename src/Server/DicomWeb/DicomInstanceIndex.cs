using System.Globalization;
using MedicalImaging.Server.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace MedicalImaging.Server.DicomWeb;

/// <summary>
/// The study/series/instance index of what users stored through STOW-RS, in its own SQLite file (dicomweb.db, 0600, WAL):
/// one row per instance, keyed by owner and SOP Instance UID, holding the attributes QIDO-RS matches and returns and
/// where the bytes are in the image store. Every query carries the owner, so one user's studies are invisible to another.
/// </summary>
public sealed class DicomInstanceIndex
{
    private static readonly string[] Columns = InstanceAttributes.Stored.Select(a => a.Column).ToArray();
    private readonly SqliteConnectionFactory _connections;
    private readonly Lazy<Task> _schema;

    public DicomInstanceIndex(string databasePath)
    {
        _connections = new SqliteConnectionFactory(databasePath);
        _schema = new Lazy<Task>(CreateSchemaAsync);
    }

    /// <summary>The instance the owner stored under this SOP Instance UID, or null.</summary>
    public async Task<IndexedInstance?> FindAsync(string owner, string sopInstanceUid, CancellationToken cancellationToken)
    {
        var found = await ListAsync(owner, null, null, sopInstanceUid, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>Adds an instance; false when the owner already has one with this SOP Instance UID (nothing changes).</summary>
    public async Task<bool> AddAsync(string owner, IndexedInstance instance, DateTimeOffset storedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO instances (owner, image_id, transfer_syntax, size_bytes, stored_at, slice_position, {string.Join(", ", Columns)})
            VALUES ($owner, $image, $syntax, $size, $at, $position, {string.Join(", ", Columns.Select(c => "$" + c))})
            ON CONFLICT (owner, sop_uid) DO NOTHING
            """;
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$image", instance.ImageId);
        command.Parameters.AddWithValue("$syntax", instance.TransferSyntaxUid);
        command.Parameters.AddWithValue("$size", instance.SizeBytes);
        command.Parameters.AddWithValue("$at", storedAt.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$position", instance.SlicePosition is { } position ? position : DBNull.Value);
        foreach (var attribute in InstanceAttributes.Stored)
        {
            var value = instance.Values.GetValueOrDefault(attribute.Column);
            command.Parameters.AddWithValue("$" + attribute.Column, value is null ? DBNull.Value
                : attribute.IsNumber ? long.Parse(value, CultureInfo.InvariantCulture) : value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>The owner's instances of a study (and series, and instance when given), by series then instance number.</summary>
    public async Task<IReadOnlyList<IndexedInstance>> ListAsync(string owner, string? study, string? series, string? sop, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = new List<string> { "owner = $owner" };
        command.Parameters.AddWithValue("$owner", owner);
        AddEquals(command, where, "study_uid", study);
        AddEquals(command, where, "series_uid", series);
        AddEquals(command, where, "sop_uid", sop);
        command.CommandText = $"""
            SELECT image_id, transfer_syntax, size_bytes, slice_position, {string.Join(", ", Columns)} FROM instances
            WHERE {string.Join(" AND ", where)}
            ORDER BY study_uid, series_number, series_uid, instance_number, sop_uid
            """;
        var list = new List<IndexedInstance>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < Columns.Length; i++)
            {
                values[Columns[i]] = reader.IsDBNull(4 + i) ? null : Convert.ToString(reader.GetValue(4 + i), CultureInfo.InvariantCulture);
            }

            list.Add(new IndexedInstance(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), values, reader.IsDBNull(3) ? null : reader.GetDouble(3)));
        }

        return list;
    }

    /// <summary>Runs a QIDO-RS search for the owner: one dictionary (column → value) per matching study, series or instance.</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, string?>>> SearchAsync(string owner, QidoQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = new List<string> { "i.owner = $owner" };
        command.Parameters.AddWithValue("$owner", owner);
        AddEquals(command, where, "i.study_uid", query.StudyInstanceUid);
        AddEquals(command, where, "i.series_uid", query.SeriesInstanceUid);
        foreach (var match in query.Matches)
        {
            where.Add(match.Condition);
            foreach (var (name, value) in match.Parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }
        }

        var select = QidoSelect.For(query.Level);
        command.CommandText = $"""
            SELECT {string.Join(", ", select.Select(s => $"{s.Expression} AS {s.Column}"))}
            FROM instances i WHERE {string.Join(" AND ", where)}
            {QidoSelect.GroupBy(query.Level)}
            LIMIT $limit OFFSET $offset
            """;
        command.Parameters.AddWithValue("$limit", query.Limit);
        command.Parameters.AddWithValue("$offset", query.Offset);
        var rows = new List<IReadOnlyDictionary<string, string?>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < select.Count; i++)
            {
                row[select[i].Column] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static void AddEquals(SqliteCommand command, List<string> where, string column, string? value)
    {
        if (value is null)
        {
            return;
        }

        var name = "$eq_" + column.Replace('.', '_');
        where.Add($"{column} = {name}");
        command.Parameters.AddWithValue(name, value);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _schema.Value.WaitAsync(cancellationToken);
        return await _connections.OpenAsync(cancellationToken);
    }

    private async Task CreateSchemaAsync()
    {
        await using var connection = await _connections.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        var columns = string.Join(",\n  ", InstanceAttributes.Stored.Select(a => $"{a.Column} {(a.IsNumber ? "INTEGER" : "TEXT")}"));
        command.CommandText = $"""
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS instances (
              owner TEXT NOT NULL,
              image_id TEXT NOT NULL,
              transfer_syntax TEXT NOT NULL,
              size_bytes INTEGER NOT NULL,
              stored_at TEXT NOT NULL,
              slice_position REAL,
              {columns},
              PRIMARY KEY (owner, sop_uid)
            );
            CREATE INDEX IF NOT EXISTS instances_study ON instances (owner, study_uid, series_uid);
            CREATE INDEX IF NOT EXISTS instances_date ON instances (owner, study_date);
            CREATE INDEX IF NOT EXISTS instances_patient ON instances (owner, patient_id);
            """;
        await command.ExecuteNonQueryAsync();
    }
}
