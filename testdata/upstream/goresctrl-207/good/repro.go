package repro

import (
	"fmt"
	"os"
	"syscall"
	"unsafe"
)

// PlatformInfo mirrors struct isst_if_platform_info.
type PlatformInfo struct {
	Api_version        uint16
	Driver_version     uint16
	Max_cmds_per_ioctl uint16
	Mbox_supported     uint8
	Mmio_supported     uint8
}

// ISST_IF_GET_PLATFORM_INFO stands in for the isst_if request: FIONREAD on
// a regular file also makes the kernel write into the caller's struct.
const ISST_IF_GET_PLATFORM_INFO = syscall.TIOCINQ

var devPath = "/dev/isst_interface"

// DevPath returns the path to the isst_interface device.
func DevPath() string { return devPath }

// Ioctl executes an ioctl on the linux isst_if device driver.
func Ioctl(ioctl uintptr, req unsafe.Pointer) error {
	f, err := os.Open(DevPath())
	if err != nil {
		return fmt.Errorf("failed to open isst device %q: %v", DevPath(), err)
	}
	defer f.Close()
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, uintptr(f.Fd()), ioctl, uintptr(req)); errno != 0 {
		return errno
	}
	return nil
}

// GetPlatformAPIVersion gets the ISST API version.
func GetPlatformAPIVersion() (int, error) {
	var info PlatformInfo
	if err := Ioctl(ISST_IF_GET_PLATFORM_INFO, unsafe.Pointer(&info)); err != nil {
		return 0, fmt.Errorf("failed to get ISST platform info: %w", err)
	}
	return int(info.Api_version), nil
}
