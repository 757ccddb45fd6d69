package repro

import (
	"os"
	"unsafe"
)

type RawSockAddrInet struct {
	Family uint16
	data   [26]byte
}

type AddressPrefix struct {
	Prefix       RawSockAddrInet
	PrefixLength uint8
}

type MibIPForwardRow struct {
	Luid              uint64
	Index             uint32
	DestinationPrefix AddressPrefix
	NextHop           RawSockAddrInet
	SitePrefixLength  uint8
	ValidLifetime     uint32
	PreferredLifetime uint32
	Metric            uint32
	Loopback          bool
	Age               uint32
}

// MibIPForwardTable is a variable-length table: NumEntries rows follow the
// header, Table only names the first one.
type MibIPForwardTable struct {
	NumEntries uint32
	Table      [1]MibIPForwardRow
}

// getIPForwardTable stands in for GetIpForwardTable2: it allocates the table
// (here in the Go heap) and stores its address in *ipForwardTable.
func getIPForwardTable(family uint16, ipForwardTable **MibIPForwardTable) error {
	const n = 4
	rowSize := unsafe.Sizeof(MibIPForwardRow{})
	size := unsafe.Offsetof(MibIPForwardTable{}.Table) + n*rowSize
	buf := make([]uint64, (size+7)/8)
	table := (*MibIPForwardTable)(unsafe.Pointer(&buf[0]))
	table.NumEntries = n
	rows := unsafe.Slice(&table.Table[0], n)
	for i := range rows {
		rows[i].Index = uint32(i + 1)
		rows[i].Metric = uint32(10 * (i + 1))
		rows[i].NextHop.Family = family
	}
	*ipForwardTable = table
	return nil
}

func freeMibTable(table unsafe.Pointer) {}

type netIO struct{}

func (n *netIO) ListIPForwardRows(family uint16) ([]MibIPForwardRow, error) {
	var table *MibIPForwardTable
	err := getIPForwardTable(family, &table)
	if table != nil {
		defer freeMibTable(unsafe.Pointer(table))
	}
	if err != nil {
		return nil, os.NewSyscallError("iphlpapi.GetIpForwardTable", err)
	}
	rows := make([]MibIPForwardRow, table.NumEntries, table.NumEntries)

	pFirstRow := uintptr(unsafe.Pointer(&table.Table[0]))
	rowSize := unsafe.Sizeof(table.Table[0])

	for i := uint32(0); i < table.NumEntries; i++ {
		row := *(*MibIPForwardRow)(unsafe.Pointer(pFirstRow + rowSize*uintptr(i)))
		rows[i] = row
	}
	return rows, nil
}
