-- Drives Neovim for test/neovim: opens every file named on the command line (absolute
-- paths), waits until the server has published diagnostics for the conf files, then writes
-- which clients serve which buffer, and each buffer's filetype, as JSON.
local out_path = os.getenv('IPSEC_LINT_NVIM_OUT')
local want = tonumber(os.getenv('IPSEC_LINT_WANT_PUBLISHES') or '2')
local got = { published = {}, buffers = {} }
local done = false

local function finish(code)
  if done then return end
  done = true
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    local ids = {}
    for id, _ in pairs(vim.lsp.buf_get_clients(buf)) do table.insert(ids, id) end
    got.buffers[vim.api.nvim_buf_get_name(buf)] = { filetype = vim.bo[buf].filetype, clients = ids }
  end
  local names = {}
  for _, client in pairs(vim.lsp.get_active_clients()) do table.insert(names, client.name .. ' ' .. (client.config.root_dir or '')) end
  got.active = names
  local f = assert(io.open(out_path, 'w'))
  f:write(vim.fn.json_encode(got))
  f:close()
  if code == 0 then vim.cmd('qall!') else vim.cmd('cquit ' .. code) end
end

vim.fn.timer_start(tonumber(os.getenv('IPSEC_LINT_NVIM_TIMEOUT_MS') or '15000'), function()
  got.timeout = true
  finish(3)
end)

local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  default_publish(err, result, ctx, config)
  if got.published[result.uri] == nil then
    got.published[result.uri] = #result.diagnostics
    local n = 0
    for _ in pairs(got.published) do n = n + 1 end
    if n >= want then vim.defer_fn(function() finish(0) end, 200) end
  end
end

vim.o.hidden = true
vim.g.ipsec_lint_cmd = { os.getenv('IPSEC_LINT_NODE'), os.getenv('IPSEC_LINT_SERVER'), '--stdio' }
dofile(os.getenv('IPSEC_LINT_CONFIG'))
-- Load every buffer named on the command line, as a person switching to each would.
vim.api.nvim_create_autocmd('VimEnter', {
  nested = true, -- so that loading each buffer runs its BufRead and FileType autocommands
  callback = function()
    local ok, err = pcall(function()
      for _ = 2, vim.fn.argc() do vim.cmd('silent bnext') end
    end)
    if not ok then got.error = tostring(err) end
  end,
})
